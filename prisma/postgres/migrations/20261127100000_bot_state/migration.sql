-- DropIndex
DROP INDEX "Order_orderId_key";

-- CreateTable
CREATE TABLE "BotState" (
    "id" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "eTag" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BotState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedActivity" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedActivity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProcessedActivity_createdAt_idx" ON "ProcessedActivity"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Order_customerId_orderId_key" ON "Order"("customerId", "orderId");

