-- Slack deliveries are claimed in the database, so of several instances (and Slack's retries) one answers each event.
-- CreateTable
CREATE TABLE "channel_delivery" (
    "event_id" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "channel_delivery_pkey" PRIMARY KEY ("event_id")
);

-- CreateIndex
CREATE INDEX "channel_delivery_until_idx" ON "channel_delivery"("until");

