-- DropIndex
DROP INDEX "callback_deliveries_status_next_attempt_at_idx";

-- CreateIndex
CREATE INDEX "callback_deliveries_next_attempt_at_idx" ON "callback_deliveries"("next_attempt_at");
