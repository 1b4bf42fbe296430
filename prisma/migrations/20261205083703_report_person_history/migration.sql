-- Reports tell first-time from returning participants by each attendee's
-- events: an index on (personId, eventId) answers that from the index alone.

-- DropIndex
DROP INDEX "Attendance_personId_idx";

-- CreateIndex
CREATE INDEX "Attendance_personId_eventId_idx" ON "Attendance"("personId", "eventId");
