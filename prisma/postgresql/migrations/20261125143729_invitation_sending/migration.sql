-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "sendingId" TEXT;

-- CreateTable
CREATE TABLE "InvitationSending" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "requestedById" TEXT,
    "appUrl" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InvitationSending_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InvitationSending_finishedAt_idx" ON "InvitationSending"("finishedAt");

-- CreateIndex
CREATE INDEX "InvitationSending_eventId_createdAt_idx" ON "InvitationSending"("eventId", "createdAt");

-- CreateIndex
CREATE INDEX "Invitation_sendingId_sentAt_idx" ON "Invitation"("sendingId", "sentAt");

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_sendingId_fkey" FOREIGN KEY ("sendingId") REFERENCES "InvitationSending"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvitationSending" ADD CONSTRAINT "InvitationSending_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;
