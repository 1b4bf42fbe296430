-- CreateTable
CREATE TABLE "UndoneCheckIn" (
    "clientRef" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "undoneAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "UndoneCheckIn_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "UndoneCheckIn_eventId_idx" ON "UndoneCheckIn"("eventId");
