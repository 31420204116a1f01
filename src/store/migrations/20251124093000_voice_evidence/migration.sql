-- AlterTable
ALTER TABLE "evidence" ADD COLUMN     "audio_path" TEXT,
ADD COLUMN     "transcription_engine" TEXT;
