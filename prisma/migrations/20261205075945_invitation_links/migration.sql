-- Every personal link sent for an invitation keeps working (reminders used to
-- replace the first link). The one link each invitation had moves to the new
-- table before the column goes.

-- CreateTable
CREATE TABLE "InvitationLink" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "invitationId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "InvitationLink_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Keep the links already sent.
INSERT INTO "InvitationLink" ("tokenHash", "invitationId", "createdAt")
SELECT "tokenHash", "id", COALESCE("sentAt", "createdAt") FROM "Invitation" WHERE "tokenHash" IS NOT NULL;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Invitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
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
INSERT INTO "new_Invitation" ("accessibilityNeeds", "createdAt", "createdById", "eventId", "id", "interpretation", "needsTransport", "personId", "respondedAt", "sendingId", "sentAt", "status", "updatedAt", "waitlistedAt") SELECT "accessibilityNeeds", "createdAt", "createdById", "eventId", "id", "interpretation", "needsTransport", "personId", "respondedAt", "sendingId", "sentAt", "status", "updatedAt", "waitlistedAt" FROM "Invitation";
DROP TABLE "Invitation";
ALTER TABLE "new_Invitation" RENAME TO "Invitation";
CREATE INDEX "Invitation_eventId_status_idx" ON "Invitation"("eventId", "status");
CREATE INDEX "Invitation_eventId_status_waitlistedAt_idx" ON "Invitation"("eventId", "status", "waitlistedAt");
CREATE INDEX "Invitation_sendingId_sentAt_idx" ON "Invitation"("sendingId", "sentAt");
CREATE UNIQUE INDEX "Invitation_eventId_personId_key" ON "Invitation"("eventId", "personId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "InvitationLink_invitationId_idx" ON "InvitationLink"("invitationId");
