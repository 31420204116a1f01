-- AlterTable
ALTER TABLE "centre" ADD COLUMN     "centre_number" TEXT;

-- AlterTable
ALTER TABLE "enrolment" ADD COLUMN     "registration_number" TEXT;

