-- CreateTable
CREATE TABLE "GuidelineCoverText" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "guidelineId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "programme" TEXT NOT NULL DEFAULT '',
    "disclaimer" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "GuidelineCoverText_guidelineId_fkey" FOREIGN KEY ("guidelineId") REFERENCES "Guideline" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GuidelineLogo" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "guidelineId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storagePath" TEXT NOT NULL,
    "uploadedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "GuidelineLogo_guidelineId_fkey" FOREIGN KEY ("guidelineId") REFERENCES "Guideline" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "GuidelineCoverText_guidelineId_locale_key" ON "GuidelineCoverText"("guidelineId", "locale");

-- CreateIndex
CREATE INDEX "GuidelineLogo_guidelineId_idx" ON "GuidelineLogo"("guidelineId");
