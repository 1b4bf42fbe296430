-- Sessions are now found by the SHA-256 of the token in their cookie, and the rows
-- before this held the token itself and could never be found again: everyone
-- logs in once more (and under the new, shorter lifetimes).
DELETE FROM "Session";

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "userAgent" TEXT;
