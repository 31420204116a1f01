-- CreateTable
CREATE TABLE "evidence_file" (
    "id" TEXT NOT NULL,
    "evidence_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_file_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "evidence_file_evidence_id_idx" ON "evidence_file"("evidence_id");

-- AddForeignKey
ALTER TABLE "evidence_file" ADD CONSTRAINT "evidence_file_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

