-- CreateTable
CREATE TABLE "card_copy" (
    "id" TEXT NOT NULL,
    "evidence_id" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "channel_id" TEXT NOT NULL,
    "message_ts" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "card_copy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "card_copy_evidence_id_created_at_idx" ON "card_copy"("evidence_id", "created_at");

-- CreateIndex
CREATE INDEX "card_copy_person_id_idx" ON "card_copy"("person_id");

-- CreateIndex
CREATE INDEX "card_copy_created_at_idx" ON "card_copy"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "card_copy_channel_id_message_ts_key" ON "card_copy"("channel_id", "message_ts");

-- AddForeignKey
ALTER TABLE "card_copy" ADD CONSTRAINT "card_copy_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "card_copy" ADD CONSTRAINT "card_copy_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
