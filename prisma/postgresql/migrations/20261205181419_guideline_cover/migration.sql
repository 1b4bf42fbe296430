-- CreateTable
CREATE TABLE "GuidelineCoverText" (
    "id" TEXT NOT NULL,
    "guidelineId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "programme" TEXT NOT NULL DEFAULT '',
    "disclaimer" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GuidelineCoverText_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuidelineLogo" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuidelineLogo_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GuidelineCoverText_guidelineId_locale_key" ON "GuidelineCoverText"("guidelineId", "locale");

-- CreateIndex
CREATE INDEX "GuidelineLogo_guidelineId_idx" ON "GuidelineLogo"("guidelineId");

-- AddForeignKey
ALTER TABLE "GuidelineCoverText" ADD CONSTRAINT "GuidelineCoverText_guidelineId_fkey" FOREIGN KEY ("guidelineId") REFERENCES "Guideline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuidelineLogo" ADD CONSTRAINT "GuidelineLogo_guidelineId_fkey" FOREIGN KEY ("guidelineId") REFERENCES "Guideline"("id") ON DELETE CASCADE ON UPDATE CASCADE;
