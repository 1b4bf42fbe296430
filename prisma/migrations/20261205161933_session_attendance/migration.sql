-- CreateTable
CREATE TABLE "SessionAttendance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "checkedInAt" DATETIME NOT NULL,
    "checkedInById" TEXT,
    "clientRef" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SessionAttendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "EventSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SessionAttendance_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SessionAttendance_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "SessionAttendance_clientRef_key" ON "SessionAttendance"("clientRef");

-- CreateIndex
CREATE INDEX "SessionAttendance_eventId_idx" ON "SessionAttendance"("eventId");

-- CreateIndex
CREATE INDEX "SessionAttendance_personId_idx" ON "SessionAttendance"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "SessionAttendance_sessionId_personId_key" ON "SessionAttendance"("sessionId", "personId");
