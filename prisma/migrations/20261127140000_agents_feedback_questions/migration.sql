-- CreateTable
CREATE TABLE "Agent" (
    "aadObjectId" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AnswerFeedback" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entryId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "score" REAL NOT NULL,
    "helpful" BOOLEAN NOT NULL,
    "language" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "QuestionEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "outcome" TEXT NOT NULL,
    "question" TEXT,
    "entryId" TEXT,
    "score" REAL,
    "language" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "AnswerFeedback_createdAt_idx" ON "AnswerFeedback"("createdAt");

-- CreateIndex
CREATE INDEX "AnswerFeedback_entryId_idx" ON "AnswerFeedback"("entryId");

-- CreateIndex
CREATE INDEX "QuestionEvent_createdAt_idx" ON "QuestionEvent"("createdAt");

-- CreateIndex
CREATE INDEX "QuestionEvent_outcome_createdAt_idx" ON "QuestionEvent"("outcome", "createdAt");

