-- Notifications are claimed by one instance while it sends them (several instances share one database).
ALTER TABLE "notification" ADD COLUMN "claimed_until" TIMESTAMP(3);
