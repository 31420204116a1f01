-- CreateTable
CREATE TABLE "conversation_reference" (
    "person_id" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "reference" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "conversation_reference_pkey" PRIMARY KEY ("person_id","channel")
);

-- CreateTable
CREATE TABLE "outbox_message" (
    "id" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "outbox_message_person_id_channel_created_at_idx" ON "outbox_message"("person_id", "channel", "created_at");
