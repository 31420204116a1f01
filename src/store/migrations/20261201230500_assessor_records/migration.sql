-- CreateEnum
CREATE TYPE "SignatureKind" AS ENUM ('authenticity', 'assessor_record', 'action_plan', 'feedback', 'expert_witness_record', 'expert_witness_confirmation', 'expert_witness_statement');

-- CreateEnum
CREATE TYPE "AssessmentMethod" AS ENUM ('direct_observation', 'projects_assignments', 'oral_questioning', 'professional_discussion', 'witness_testimony', 'portfolio_evidence', 'case_study', 'supplementary_evidence', 'written_questions', 'accredited_prior_achievement', 'work_products');

-- CreateEnum
CREATE TYPE "SupplementaryKind" AS ENUM ('work_products', 'photographs', 'e_evidence', 'third_party_confirmation');

-- AlterEnum
ALTER TYPE "ClaimProposer" ADD VALUE 'witness';

-- AlterTable
ALTER TABLE "evidence" ALTER COLUMN "method" SET DEFAULT 'personal_statement';

-- CreateTable
CREATE TABLE "signature" (
    "id" TEXT NOT NULL,
    "kind" "SignatureKind" NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "subject_version" INTEGER,
    "person_id" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "channel" "Channel",
    "signed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "signature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessor_record" (
    "evidence_id" TEXT NOT NULL,
    "assessor_id" TEXT NOT NULL,
    "held_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assessor_record_pkey" PRIMARY KEY ("evidence_id")
);

-- CreateTable
CREATE TABLE "supplementary_evidence" (
    "id" TEXT NOT NULL,
    "evidence_id" TEXT NOT NULL,
    "kind" "SupplementaryKind" NOT NULL,
    "location" TEXT NOT NULL,

    CONSTRAINT "supplementary_evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "discussion_question" (
    "id" TEXT NOT NULL,
    "evidence_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,

    CONSTRAINT "discussion_question_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "action_plan" (
    "id" TEXT NOT NULL,
    "enrolment_id" TEXT NOT NULL,
    "candidate_id" TEXT NOT NULL,
    "assessor_id" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL,
    "skills_knowledge" TEXT NOT NULL,
    "methods" "AssessmentMethod"[],
    "venue" TEXT NOT NULL,
    "planned_at" TIMESTAMP(3) NOT NULL,
    "requirements" TEXT NOT NULL,
    "feedback_arrangements" TEXT NOT NULL,
    "reminded_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "action_plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "feedback" (
    "id" TEXT NOT NULL,
    "enrolment_id" TEXT NOT NULL,
    "candidate_id" TEXT NOT NULL,
    "assessor_id" TEXT NOT NULL,
    "unit_id" TEXT,
    "evidence_id" TEXT,
    "skills_knowledge" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "read_at" TIMESTAMP(3),
    "reply" TEXT,
    "replied_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "expert_witness" (
    "id" TEXT NOT NULL,
    "centre_id" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "position" TEXT NOT NULL,
    "site" TEXT NOT NULL,
    "unit_ids" TEXT[],
    "experience_years" INTEGER NOT NULL,
    "experience" TEXT NOT NULL,
    "standards_knowledge" TEXT NOT NULL,
    "cpd" TEXT NOT NULL,
    "assessment_qualification" TEXT NOT NULL DEFAULT '',
    "created_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "expert_witness_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "expert_witness_statement" (
    "id" TEXT NOT NULL,
    "expert_witness_id" TEXT NOT NULL,
    "evidence_id" TEXT NOT NULL,
    "candidate_id" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL,
    "skills_knowledge" TEXT NOT NULL,
    "venue" TEXT NOT NULL,
    "occurred_at" TIMESTAMP(3) NOT NULL,
    "activity" TEXT NOT NULL,
    "relationship" TEXT NOT NULL,
    "contact" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "expert_witness_statement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "signature_subject_type_subject_id_idx" ON "signature"("subject_type", "subject_id");

-- CreateIndex
CREATE INDEX "signature_person_id_idx" ON "signature"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "signature_kind_subject_id_person_id_key" ON "signature"("kind", "subject_id", "person_id");

-- CreateIndex
CREATE INDEX "assessor_record_assessor_id_idx" ON "assessor_record"("assessor_id");

-- CreateIndex
CREATE INDEX "supplementary_evidence_evidence_id_idx" ON "supplementary_evidence"("evidence_id");

-- CreateIndex
CREATE UNIQUE INDEX "discussion_question_evidence_id_number_key" ON "discussion_question"("evidence_id", "number");

-- CreateIndex
CREATE INDEX "action_plan_candidate_id_planned_at_idx" ON "action_plan"("candidate_id", "planned_at");

-- CreateIndex
CREATE INDEX "action_plan_planned_at_idx" ON "action_plan"("planned_at");

-- CreateIndex
CREATE INDEX "feedback_candidate_id_created_at_idx" ON "feedback"("candidate_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "expert_witness_centre_id_person_id_key" ON "expert_witness"("centre_id", "person_id");

-- CreateIndex
CREATE UNIQUE INDEX "expert_witness_statement_evidence_id_key" ON "expert_witness_statement"("evidence_id");

-- CreateIndex
CREATE INDEX "expert_witness_statement_candidate_id_idx" ON "expert_witness_statement"("candidate_id");

-- AddForeignKey
ALTER TABLE "assessor_record" ADD CONSTRAINT "assessor_record_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supplementary_evidence" ADD CONSTRAINT "supplementary_evidence_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "discussion_question" ADD CONSTRAINT "discussion_question_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "expert_witness_statement" ADD CONSTRAINT "expert_witness_statement_expert_witness_id_fkey" FOREIGN KEY ("expert_witness_id") REFERENCES "expert_witness"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: rules the schema language cannot state.
-- A signature is a record of what someone confirmed: it is never changed or removed.
CREATE FUNCTION "signature_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'signature is append-only';
END;
$$;
CREATE TRIGGER "signature_no_update_or_delete" BEFORE UPDATE OR DELETE ON "signature"
  FOR EACH ROW EXECUTE FUNCTION "signature_append_only"();

-- AlterTable: a notification about an action plan, feedback or an expert witness names it
ALTER TABLE "notification" ADD COLUMN "subject_id" TEXT;
