-- CreateTable
CREATE TABLE "InvitationSending" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "requestedById" TEXT,
    "appUrl" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "lockedBy" TEXT,
    "lockedUntil" DATETIME,
    "finishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "InvitationSending_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "sendingId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Invitation_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Invitation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Invitation_sendingId_fkey" FOREIGN KEY ("sendingId") REFERENCES "InvitationSending" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Invitation" ("accessibilityNeeds", "createdAt", "createdById", "eventId", "id", "interpretation", "needsTransport", "personId", "respondedAt", "sentAt", "status", "tokenHash", "updatedAt", "waitlistedAt") SELECT "accessibilityNeeds", "createdAt", "createdById", "eventId", "id", "interpretation", "needsTransport", "personId", "respondedAt", "sentAt", "status", "tokenHash", "updatedAt", "waitlistedAt" FROM "Invitation";
DROP TABLE "Invitation";
ALTER TABLE "new_Invitation" RENAME TO "Invitation";
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");
CREATE INDEX "Invitation_eventId_status_idx" ON "Invitation"("eventId", "status");
CREATE INDEX "Invitation_eventId_status_waitlistedAt_idx" ON "Invitation"("eventId", "status", "waitlistedAt");
CREATE INDEX "Invitation_sendingId_sentAt_idx" ON "Invitation"("sendingId", "sentAt");
CREATE UNIQUE INDEX "Invitation_eventId_personId_key" ON "Invitation"("eventId", "personId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "InvitationSending_finishedAt_idx" ON "InvitationSending"("finishedAt");

-- CreateIndex
CREATE INDEX "InvitationSending_eventId_createdAt_idx" ON "InvitationSending"("eventId", "createdAt");
