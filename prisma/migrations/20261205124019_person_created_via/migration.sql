-- AlterTable
ALTER TABLE "Person" ADD COLUMN "createdVia" TEXT;
