-- CreateTable
CREATE TABLE "Contribution" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL DEFAULT '',
    "locale" TEXT NOT NULL DEFAULT 'en',
    "themeId" TEXT NOT NULL,
    "municipalityId" TEXT,
    "commissionId" TEXT,
    "eventId" TEXT,
    "submittedAt" DATETIME,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    "decisionReason" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Contribution_themeId_fkey" FOREIGN KEY ("themeId") REFERENCES "Theme" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Contribution_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Contribution_commissionId_fkey" FOREIGN KEY ("commissionId") REFERENCES "Commission" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Contribution_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ContributionAuthor" (
    "contributionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "isLead" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("contributionId", "userId"),
    CONSTRAINT "ContributionAuthor_contributionId_fkey" FOREIGN KEY ("contributionId") REFERENCES "Contribution" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ContributionAuthor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ContributionRevision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contributionId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "themeId" TEXT NOT NULL,
    "municipalityId" TEXT,
    "savedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ContributionRevision_contributionId_fkey" FOREIGN KEY ("contributionId") REFERENCES "Contribution" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ContributionRevision_savedById_fkey" FOREIGN KEY ("savedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ContributionComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contributionId" TEXT NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "decision" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ContributionComment_contributionId_fkey" FOREIGN KEY ("contributionId") REFERENCES "Contribution" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ContributionComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ContributionAttachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contributionId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storagePath" TEXT NOT NULL,
    "uploadedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ContributionAttachment_contributionId_fkey" FOREIGN KEY ("contributionId") REFERENCES "Contribution" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Guideline" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "sourceLocale" TEXT NOT NULL DEFAULT 'en',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "GuidelineSection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "guidelineId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "GuidelineSection_guidelineId_fkey" FOREIGN KEY ("guidelineId") REFERENCES "Guideline" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GuidelinePlacement" (
    "sectionId" TEXT NOT NULL,
    "contributionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("sectionId", "contributionId"),
    CONSTRAINT "GuidelinePlacement_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "GuidelineSection" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GuidelinePlacement_contributionId_fkey" FOREIGN KEY ("contributionId") REFERENCES "Contribution" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GuidelineVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "guidelineId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "changelog" TEXT NOT NULL,
    "sourceVersionId" TEXT,
    "publishedById" TEXT,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "GuidelineVersion_guidelineId_fkey" FOREIGN KEY ("guidelineId") REFERENCES "Guideline" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "GuidelineVersion_sourceVersionId_fkey" FOREIGN KEY ("sourceVersionId") REFERENCES "GuidelineVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GuidelineVersionSection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    CONSTRAINT "GuidelineVersionSection_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "GuidelineVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GuidelineVersionCredit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "sectionKey" TEXT NOT NULL,
    "contributionId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "authorNames" TEXT NOT NULL,
    "municipalityId" TEXT,
    CONSTRAINT "GuidelineVersionCredit_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "GuidelineVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "GuidelineVersionCredit_contributionId_fkey" FOREIGN KEY ("contributionId") REFERENCES "Contribution" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "GuidelineVersionCredit_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GuidelineSubscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "guidelineId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "tokenHash" TEXT NOT NULL,
    "confirmedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "GuidelineSubscription_guidelineId_fkey" FOREIGN KEY ("guidelineId") REFERENCES "Guideline" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Contribution_status_themeId_idx" ON "Contribution"("status", "themeId");

-- CreateIndex
CREATE INDEX "Contribution_municipalityId_idx" ON "Contribution"("municipalityId");

-- CreateIndex
CREATE INDEX "ContributionAuthor_userId_idx" ON "ContributionAuthor"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ContributionRevision_contributionId_number_key" ON "ContributionRevision"("contributionId", "number");

-- CreateIndex
CREATE INDEX "ContributionComment_contributionId_createdAt_idx" ON "ContributionComment"("contributionId", "createdAt");

-- CreateIndex
CREATE INDEX "ContributionAttachment_contributionId_idx" ON "ContributionAttachment"("contributionId");

-- CreateIndex
CREATE UNIQUE INDEX "Guideline_slug_key" ON "Guideline"("slug");

-- CreateIndex
CREATE INDEX "GuidelineSection_guidelineId_position_idx" ON "GuidelineSection"("guidelineId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "GuidelineSection_guidelineId_key_key" ON "GuidelineSection"("guidelineId", "key");

-- CreateIndex
CREATE INDEX "GuidelinePlacement_contributionId_idx" ON "GuidelinePlacement"("contributionId");

-- CreateIndex
CREATE INDEX "GuidelineVersion_sourceVersionId_idx" ON "GuidelineVersion"("sourceVersionId");

-- CreateIndex
CREATE UNIQUE INDEX "GuidelineVersion_guidelineId_locale_number_key" ON "GuidelineVersion"("guidelineId", "locale", "number");

-- CreateIndex
CREATE UNIQUE INDEX "GuidelineVersionSection_versionId_key_key" ON "GuidelineVersionSection"("versionId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "GuidelineVersionCredit_versionId_contributionId_key" ON "GuidelineVersionCredit"("versionId", "contributionId");

-- CreateIndex
CREATE UNIQUE INDEX "GuidelineSubscription_tokenHash_key" ON "GuidelineSubscription"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "GuidelineSubscription_guidelineId_email_key" ON "GuidelineSubscription"("guidelineId", "email");
