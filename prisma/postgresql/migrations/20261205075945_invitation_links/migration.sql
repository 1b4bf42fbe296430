-- Every personal link sent for an invitation keeps working (reminders used to
-- replace the first link). The one link each invitation had moves to the new
-- table before the column goes.

-- CreateTable
CREATE TABLE "InvitationLink" (
    "tokenHash" TEXT NOT NULL,
    "invitationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InvitationLink_pkey" PRIMARY KEY ("tokenHash")
);

-- Keep the links already sent.
INSERT INTO "InvitationLink" ("tokenHash", "invitationId", "createdAt")
SELECT "tokenHash", "id", COALESCE("sentAt", "createdAt") FROM "Invitation" WHERE "tokenHash" IS NOT NULL;

-- DropIndex
DROP INDEX "Invitation_tokenHash_key";

-- AlterTable
ALTER TABLE "Invitation" DROP COLUMN "tokenHash";

-- CreateIndex
CREATE INDEX "InvitationLink_invitationId_idx" ON "InvitationLink"("invitationId");

-- AddForeignKey
ALTER TABLE "InvitationLink" ADD CONSTRAINT "InvitationLink_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
