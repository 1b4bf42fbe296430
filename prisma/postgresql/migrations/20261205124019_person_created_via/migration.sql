-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "createdVia" "CheckInMethod";
