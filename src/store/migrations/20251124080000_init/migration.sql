-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('candidate', 'assessor', 'witness', 'internal_verifier', 'admin');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('teams', 'slack', 'web');

-- CreateEnum
CREATE TYPE "EvidenceStatus" AS ENUM ('draft', 'submitted', 'assessed', 'referred', 'sampled', 'discarded');

-- CreateEnum
CREATE TYPE "EvidenceSource" AS ENUM ('typed', 'voice', 'witness');

-- CreateEnum
CREATE TYPE "EvidenceMethod" AS ENUM ('observation', 'witness_testimony', 'professional_discussion', 'oral_questioning', 'work_product', 'personal_statement');

-- CreateEnum
CREATE TYPE "EvidenceSetting" AS ENUM ('workplace', 'realistic_working_environment', 'simulation');

-- CreateEnum
CREATE TYPE "ClaimKind" AS ENUM ('criterion', 'knowledge', 'range');

-- CreateEnum
CREATE TYPE "ClaimProposer" AS ENUM ('mapper', 'candidate', 'assessor');

-- CreateEnum
CREATE TYPE "ClaimDecision" AS ENUM ('pending', 'accepted', 'rejected');

-- CreateEnum
CREATE TYPE "WitnessRequestStatus" AS ENUM ('pending', 'given', 'refused');

-- CreateEnum
CREATE TYPE "DecisionOutcome" AS ENUM ('assessed', 'referred');

-- CreateEnum
CREATE TYPE "SampleOutcome" AS ENUM ('agreed', 'disagreed');

-- CreateTable
CREATE TABLE "centre" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "centre_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "person" (
    "id" TEXT NOT NULL,
    "centre_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "job_title" TEXT,
    "roles" "Role"[],
    "erased_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chat_identity" (
    "id" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "external_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chat_identity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enrolment" (
    "id" TEXT NOT NULL,
    "centre_id" TEXT NOT NULL,
    "candidate_id" TEXT NOT NULL,
    "qualification_id" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "unit_ids" TEXT[],
    "assessor_id" TEXT,
    "internal_verifier_id" TEXT,
    "next_evidence_number" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "enrolment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evidence" (
    "id" TEXT NOT NULL,
    "enrolment_id" TEXT NOT NULL,
    "candidate_id" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" "EvidenceStatus" NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 1,
    "source" "EvidenceSource" NOT NULL,
    "method" "EvidenceMethod" NOT NULL,
    "setting" "EvidenceSetting" NOT NULL DEFAULT 'workplace',
    "occurred_on" DATE,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evidence_version" (
    "id" TEXT NOT NULL,
    "evidence_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "author_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "claim" (
    "id" TEXT NOT NULL,
    "evidence_id" TEXT NOT NULL,
    "kind" "ClaimKind" NOT NULL,
    "target_id" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL,
    "proposed_by" "ClaimProposer" NOT NULL,
    "support" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "decision" "ClaimDecision" NOT NULL DEFAULT 'pending',
    "comment" TEXT,
    "decided_by_id" TEXT,
    "decided_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "witness_request" (
    "id" TEXT NOT NULL,
    "evidence_id" TEXT NOT NULL,
    "witness_id" TEXT NOT NULL,
    "requested_by_id" TEXT NOT NULL,
    "status" "WitnessRequestStatus" NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "witness_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "testimony" (
    "id" TEXT NOT NULL,
    "request_id" TEXT NOT NULL,
    "evidence_id" TEXT NOT NULL,
    "witness_id" TEXT NOT NULL,
    "status_category" INTEGER NOT NULL,
    "relationship" TEXT NOT NULL,
    "declared_no_personal_relationship" BOOLEAN NOT NULL,
    "text" TEXT NOT NULL,
    "signed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "testimony_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decision" (
    "id" TEXT NOT NULL,
    "evidence_id" TEXT NOT NULL,
    "assessor_id" TEXT NOT NULL,
    "outcome" "DecisionOutcome" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "evidence_version" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sample" (
    "id" TEXT NOT NULL,
    "evidence_id" TEXT NOT NULL,
    "verifier_id" TEXT NOT NULL,
    "outcome" "SampleOutcome" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" TEXT,
    "actor_label" TEXT,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "centre_id" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "processed_event" (
    "event_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_event_pkey" PRIMARY KEY ("event_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "centre_name_key" ON "centre"("name");

-- CreateIndex
CREATE UNIQUE INDEX "person_email_key" ON "person"("email");

-- CreateIndex
CREATE INDEX "person_centre_id_idx" ON "person"("centre_id");

-- CreateIndex
CREATE INDEX "chat_identity_person_id_idx" ON "chat_identity"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "chat_identity_channel_external_id_key" ON "chat_identity"("channel", "external_id");

-- CreateIndex
CREATE INDEX "enrolment_assessor_id_idx" ON "enrolment"("assessor_id");

-- CreateIndex
CREATE INDEX "enrolment_centre_id_idx" ON "enrolment"("centre_id");

-- CreateIndex
CREATE UNIQUE INDEX "enrolment_candidate_id_qualification_id_key" ON "enrolment"("candidate_id", "qualification_id");

-- CreateIndex
CREATE INDEX "evidence_enrolment_id_status_idx" ON "evidence"("enrolment_id", "status");

-- CreateIndex
CREATE INDEX "evidence_status_idx" ON "evidence"("status");

-- CreateIndex
CREATE UNIQUE INDEX "evidence_candidate_id_ref_key" ON "evidence"("candidate_id", "ref");

-- CreateIndex
CREATE UNIQUE INDEX "evidence_version_evidence_id_number_key" ON "evidence_version"("evidence_id", "number");

-- CreateIndex
CREATE INDEX "claim_unit_id_idx" ON "claim"("unit_id");

-- CreateIndex
CREATE UNIQUE INDEX "claim_evidence_id_target_id_key" ON "claim"("evidence_id", "target_id");

-- CreateIndex
CREATE INDEX "witness_request_witness_id_idx" ON "witness_request"("witness_id");

-- CreateIndex
CREATE UNIQUE INDEX "witness_request_evidence_id_witness_id_key" ON "witness_request"("evidence_id", "witness_id");

-- CreateIndex
CREATE UNIQUE INDEX "testimony_request_id_key" ON "testimony"("request_id");

-- CreateIndex
CREATE INDEX "testimony_evidence_id_idx" ON "testimony"("evidence_id");

-- CreateIndex
CREATE INDEX "decision_evidence_id_idx" ON "decision"("evidence_id");

-- CreateIndex
CREATE INDEX "sample_evidence_id_idx" ON "sample"("evidence_id");

-- CreateIndex
CREATE INDEX "audit_event_entity_type_entity_id_idx" ON "audit_event"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_event_actor_id_idx" ON "audit_event"("actor_id");

-- AddForeignKey
ALTER TABLE "person" ADD CONSTRAINT "person_centre_id_fkey" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chat_identity" ADD CONSTRAINT "chat_identity_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrolment" ADD CONSTRAINT "enrolment_centre_id_fkey" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_enrolment_id_fkey" FOREIGN KEY ("enrolment_id") REFERENCES "enrolment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence_version" ADD CONSTRAINT "evidence_version_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "claim" ADD CONSTRAINT "claim_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "witness_request" ADD CONSTRAINT "witness_request_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "testimony" ADD CONSTRAINT "testimony_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "witness_request"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision" ADD CONSTRAINT "decision_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sample" ADD CONSTRAINT "sample_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: rules the schema language cannot state.
-- A witness status category is 1 to 5 (witness status list, 004).
ALTER TABLE "testimony" ADD CONSTRAINT "testimony_status_category_check" CHECK ("status_category" BETWEEN 1 AND 5);

-- The audit log is append-only: no update or delete, whoever asks.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only';
END;
$$;
CREATE TRIGGER "audit_event_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
