-- AlterTable
ALTER TABLE "card_copy" ADD COLUMN     "thread_ts" TEXT;

-- CreateIndex
CREATE INDEX "card_copy_channel_id_thread_ts_idx" ON "card_copy"("channel_id", "thread_ts");
