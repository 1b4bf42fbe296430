-- AlterTable
ALTER TABLE "Person" ADD COLUMN "createdVia" TEXT;

-- People check-in created before this column: the audit log wrote
-- person.created with {"via":"check-in"}, and how (PAPER or WALK_IN) is the
-- method of their first check-in (a walk-in at the door when none is left).
UPDATE "Person" SET "createdVia" = COALESCE(
    (SELECT a."method" FROM "Attendance" a
      WHERE a."personId" = "Person"."id" AND a."method" IN ('PAPER', 'WALK_IN')
      ORDER BY a."checkedInAt" LIMIT 1),
    'WALK_IN')
WHERE "id" IN (
    SELECT "subjectId" FROM "AuditLog"
    WHERE "action" = 'person.created' AND "subjectType" = 'Person' AND "details" LIKE '%"via":"check-in"%'
);
