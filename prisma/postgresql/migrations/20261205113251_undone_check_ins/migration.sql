-- CreateTable
CREATE TABLE "UndoneCheckIn" (
    "clientRef" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "undoneAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UndoneCheckIn_pkey" PRIMARY KEY ("clientRef")
);

-- CreateIndex
CREATE INDEX "UndoneCheckIn_eventId_idx" ON "UndoneCheckIn"("eventId");

-- AddForeignKey
ALTER TABLE "UndoneCheckIn" ADD CONSTRAINT "UndoneCheckIn_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;
