-- CreateTable
CREATE TABLE "InvitationAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "invitationId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "recordedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "InvitationAnswer_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Invitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "tokenHash" TEXT,
    "sentAt" DATETIME,
    "respondedAt" DATETIME,
    "waitlistedAt" DATETIME,
    "interpretation" TEXT,
    "accessibilityNeeds" TEXT,
    "needsTransport" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Invitation_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Invitation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Invitation" ("createdAt", "createdById", "eventId", "id", "personId", "respondedAt", "sentAt", "status", "tokenHash", "updatedAt") SELECT "createdAt", "createdById", "eventId", "id", "personId", "respondedAt", "sentAt", "status", "tokenHash", "updatedAt" FROM "Invitation";
DROP TABLE "Invitation";
ALTER TABLE "new_Invitation" RENAME TO "Invitation";
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");
CREATE INDEX "Invitation_eventId_status_idx" ON "Invitation"("eventId", "status");
CREATE INDEX "Invitation_eventId_status_waitlistedAt_idx" ON "Invitation"("eventId", "status", "waitlistedAt");
CREATE UNIQUE INDEX "Invitation_eventId_personId_key" ON "Invitation"("eventId", "personId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "InvitationAnswer_invitationId_createdAt_idx" ON "InvitationAnswer"("invitationId", "createdAt");
