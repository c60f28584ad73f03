-- CreateTable
CREATE TABLE "Agent" (
    "aadObjectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Agent_pkey" PRIMARY KEY ("aadObjectId")
);

-- CreateTable
CREATE TABLE "AnswerFeedback" (
    "id" SERIAL NOT NULL,
    "entryId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "helpful" BOOLEAN NOT NULL,
    "language" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnswerFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuestionEvent" (
    "id" SERIAL NOT NULL,
    "outcome" TEXT NOT NULL,
    "question" TEXT,
    "entryId" TEXT,
    "score" DOUBLE PRECISION,
    "language" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuestionEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AnswerFeedback_createdAt_idx" ON "AnswerFeedback"("createdAt");

-- CreateIndex
CREATE INDEX "AnswerFeedback_entryId_idx" ON "AnswerFeedback"("entryId");

-- CreateIndex
CREATE INDEX "QuestionEvent_createdAt_idx" ON "QuestionEvent"("createdAt");

-- CreateIndex
CREATE INDEX "QuestionEvent_outcome_createdAt_idx" ON "QuestionEvent"("outcome", "createdAt");

