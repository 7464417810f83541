-- Raw tables: the contract between the loaders (cscdash.extracts) and the SQL views (queries/).
--
-- One table per return table, named <return>_<table>. Column names are the statutory field names of
-- ../shared/domain/data_layouts.md, typed; codes are upper-case trimmed strings; dates are DATE.
-- Every table also carries:
--   la_code          ONS-style code of the responsible LA (e.g. 'E06999999' for the synthetic demo)
--   collection_year  the return's year, by its end: 2025 = 1 Apr 2024 - 31 Mar 2025 (CSWW: to 30 Sep)
--   load_id          the loads.load_id that last wrote the row
--   source_file      file name (not path) the row came from;  source_row: 1-based data row / XML line
--
-- Several annual returns repeat the same records. The loader keeps ONE row per natural key (given
-- in the comment above each table): the row from the latest collection_year wins. Reloading the
-- same files changes nothing. Views may rely on the natural keys being unique.
--
-- The raw tables of the local sources (local_visits, local_child_attributes, local_rhi,
-- local_health_assessments, workforce_monthly, local_population, and any other source declared in
-- cscdash/extracts/specs/local/<source>.yml) are created from their specifications by
-- cscdash.extracts.local.create_tables (sql_templates/create_local_table.sql), which ensure_schema runs
-- after this file.

-- ---------------------------------------------------------------- SSDA903 (children looked after)
-- key (la_code, CHILD); latest return wins for header fields
create table if not exists ssda903_header (
    la_code varchar not null, CHILD varchar not null, SEX varchar, DOB date, ETHNIC varchar,
    UPN varchar, MOTHER integer, MC_DOB date,
    collection_year integer, load_id integer, source_file varchar, source_row integer);

-- key (la_code, CHILD, DECOM); stitched across returns (an episode open at 31 March appears open in
-- one return and closed in the next: the closed version, from the later return, wins)
create table if not exists ssda903_episodes (
    la_code varchar not null, CHILD varchar not null, DECOM date not null, RNE varchar, LS varchar,
    CIN varchar, PLACE varchar, PLACE_PROVIDER varchar, DEC date, REC varchar,
    REASON_PLACE_CHANGE varchar, HOME_POST varchar, PL_POST varchar, URN varchar,
    PL_DISTANCE double, PL_LOCATION varchar, PL_LA varchar,
    collection_year integer, load_id integer, source_file varchar, source_row integer);

-- key (la_code, CHILD, REVIEW)
create table if not exists ssda903_reviews (
    la_code varchar not null, CHILD varchar not null, REVIEW date not null, REVIEW_CODE varchar,
    collection_year integer, load_id integer, source_file varchar, source_row integer);

-- key (la_code, CHILD)
create table if not exists ssda903_uasc (
    la_code varchar not null, CHILD varchar not null, SEX varchar, DUC date,
    collection_year integer, load_id integer, source_file varchar, source_row integer);

-- key (la_code, CHILD, collection_year): outcomes are per year, never stitched
create table if not exists ssda903_oc2 (
    la_code varchar not null, CHILD varchar not null, SDQ_SCORE integer, SDQ_REASON varchar,
    CONVICTED integer, HEALTH_CHECK integer, IMMUNISATIONS integer, TEETH_CHECK integer,
    HEALTH_ASSESSMENT integer, SUBSTANCE_MISUSE integer, INTERVENTION_RECEIVED integer,
    INTERVENTION_OFFERED integer,
    collection_year integer not null, load_id integer, source_file varchar, source_row integer);

-- key (la_code, CHILD, collection_year)
create table if not exists ssda903_oc3 (
    la_code varchar not null, CHILD varchar not null, IN_TOUCH varchar, ACTIV varchar, ACCOM varchar,
    collection_year integer not null, load_id integer, source_file varchar, source_row integer);

-- key (la_code, CHILD)
create table if not exists ssda903_ad1 (
    la_code varchar not null, CHILD varchar not null, DATE_INT date, DATE_MATCH date,
    FOSTER_CARE integer, NB_ADOPTR integer, SEX_ADOPTR varchar, LS_ADOPTR varchar,
    collection_year integer, load_id integer, source_file varchar, source_row integer);

-- key (la_code, CHILD, DATE_PLACED)
create table if not exists ssda903_placed_for_adoption (
    la_code varchar not null, CHILD varchar not null, DATE_PLACED date, DATE_PLACED_CEASED date,
    REASON_PLACED_CEASED varchar,
    collection_year integer, load_id integer, source_file varchar, source_row integer);

-- key (la_code, CHILD, MIS_START)
create table if not exists ssda903_missing (
    la_code varchar not null, CHILD varchar not null, MISSING varchar, MIS_START date not null,
    MIS_END date,
    collection_year integer, load_id integer, source_file varchar, source_row integer);

-- key (la_code, CHILD, collection_year); DATE_PERM kept as text (partial dates such as zz/05/2012)
create table if not exists ssda903_prev_perm (
    la_code varchar not null, CHILD varchar not null, PREV_PERM varchar, LA_PERM varchar,
    DATE_PERM varchar,
    collection_year integer not null, load_id integer, source_file varchar, source_row integer);

-- key (la_code, CHILD, SW_DECOM)
create table if not exists ssda903_sw_episodes (
    la_code varchar not null, CHILD varchar not null, SW_ID varchar, SW_DECOM date not null,
    SW_DEC date, SW_REASON varchar,
    collection_year integer, load_id integer, source_file varchar, source_row integer);

-- key (la_code, CHILD, DOLO_START)
create table if not exists ssda903_dolo (
    la_code varchar not null, CHILD varchar not null, DOLO_START date, DOLO_END date,
    collection_year integer, load_id integer, source_file varchar, source_row integer);

-- ---------------------------------------------------------------- CIN census
-- CINdetailsID / AssessmentID / CPPID are per-return surrogates, so sub-tables are keyed on dates:
-- a referral is (la_code, LAchildID, CINreferralDate), as the DfE de-duplicates.

-- key (la_code, LAchildID); Sex stored as M/F/U whichever of Sex / GenderCurrent the year used
create table if not exists cin_child (
    la_code varchar not null, LAchildID varchar not null, UPN varchar, FormerUPN varchar,
    UPNunknown varchar, PersonBirthDate date, ExpectedPersonBirthDate date, Sex varchar,
    PersonDeathDate date, Ethnicity varchar,
    collection_year integer, load_id integer, source_file varchar, source_row integer);

-- key (la_code, LAchildID, Disability)
create table if not exists cin_disability (
    la_code varchar not null, LAchildID varchar not null, Disability varchar not null,
    collection_year integer, load_id integer, source_file varchar, source_row integer);

-- key (la_code, LAchildID, CINreferralDate)
create table if not exists cin_details (
    la_code varchar not null, LAchildID varchar not null, CINreferralDate date not null,
    ReferralSource varchar, PrimaryNeedCode varchar, CINclosureDate date, ReasonForClosure varchar,
    DateOfInitialCPC date, ReferralNFA boolean,
    collection_year integer, load_id integer, source_file varchar, source_row integer);

-- key (la_code, LAchildID, AssessmentActualStartDate)
create table if not exists cin_assessment (
    la_code varchar not null, LAchildID varchar not null, CINreferralDate date not null,
    AssessmentActualStartDate date not null, AssessmentInternalReviewDate date,
    AssessmentAuthorisationDate date,
    collection_year integer, load_id integer, source_file varchar, source_row integer);

-- key (la_code, LAchildID, AssessmentActualStartDate, AssessmentFactor)
create table if not exists cin_assessment_factor (
    la_code varchar not null, LAchildID varchar not null, CINreferralDate date not null,
    AssessmentActualStartDate date not null, AssessmentFactor varchar not null,
    collection_year integer, load_id integer, source_file varchar, source_row integer);

-- key (la_code, LAchildID, CINPlanStartDate)
create table if not exists cin_plan (
    la_code varchar not null, LAchildID varchar not null, CINreferralDate date not null,
    CINPlanStartDate date not null, CINPlanEndDate date,
    collection_year integer, load_id integer, source_file varchar, source_row integer);

-- key (la_code, LAchildID, S47ActualStartDate)
create table if not exists cin_s47 (
    la_code varchar not null, LAchildID varchar not null, CINreferralDate date not null,
    S47ActualStartDate date not null, InitialCPCtarget date, DateOfInitialCPC date,
    ICPCnotRequired boolean,
    collection_year integer, load_id integer, source_file varchar, source_row integer);

-- key (la_code, LAchildID, CPPstartDate)
create table if not exists cin_cpp (
    la_code varchar not null, LAchildID varchar not null, CINreferralDate date not null,
    CPPstartDate date not null, CPPendDate date, InitialCategoryOfAbuse varchar,
    LatestCategoryOfAbuse varchar, NumberOfPreviousCPP integer,
    collection_year integer, load_id integer, source_file varchar, source_row integer);

-- key (la_code, LAchildID, CPPstartDate, CPPreviewDate)
create table if not exists cin_cpp_review (
    la_code varchar not null, LAchildID varchar not null, CPPstartDate date not null,
    CPPreviewDate date not null,
    collection_year integer, load_id integer, source_file varchar, source_row integer);

-- ---------------------------------------------------------------- Annex A list 1
-- key (la_code, contact_id); contact_id = `Contact ID`, or child|date|source when the file has none
create table if not exists annexa_contacts (
    la_code varchar not null, contact_id varchar not null, child_id varchar not null,
    sex varchar, ethnicity varchar, date_of_birth date, age_years integer,
    contact_date date not null, contact_source varchar,
    contact_datetime timestamp, contact_outcome varchar, decision_datetime timestamp,
    brag_rating varchar,
    collection_year integer, load_id integer, source_file varchar, source_row integer);

-- ---------------------------------------------------------------- Annex A lists 8 and 9 (snapshots)
-- Each Annex A file is a snapshot of one date (the file name carries it: annex_a_list8_2025-03-31.csv,
-- or a workbook annex_a_2025-03-31.xlsx with sheets "List 8" / "List 9"). Option labels are stored as
-- codes: Gender M/F/U; Ethnicity section 5.1 codes; Y/N as boolean; permanence_plan one of return_home,
-- adoption, sgo_cao, supported_living, long_term_residential, long_term_fostering, other; placement_provider
-- own_la/private/other; placement_location in/out; legal_status and placement_type SSDA903 codes; reason_ceased
-- SSDA903 REC code; category_of_need N1-N8. key (la_code, snapshot_date, child_id)
create table if not exists annexa_cla (
    la_code varchar not null, snapshot_date date not null, child_id varchar not null,
    sex varchar, ethnicity varchar, date_of_birth date, age_years integer,
    uasc boolean, disability boolean, date_started_looked_after date, category_of_need varchar,
    second_period_12m boolean, legal_status_start date, legal_status varchar,
    latest_review_date date, last_sw_visit_date date, permanence_plan varchar,
    last_iro_contact_date date, last_health_assessment_date date, last_dental_check_date date,
    placements_12m integer, date_ceased date, reason_ceased varchar,
    placement_start_date date, placement_type varchar, placement_provider varchar,
    placement_postcode varchar, placement_urn varchar, placement_location varchar, placement_la varchar,
    missing_episodes_12m integer, absent_episodes_12m integer,
    rhi_offered_last boolean, rhi_accepted_last boolean,
    allocated_team varchar, allocated_worker varchar,
    collection_year integer, load_id integer, source_file varchar, source_row integer);

-- Annex A list 9 (care leavers). eligibility one of relevant, former_relevant, qualifying, eligible, other;
-- in_touch one of in_touch, not_in_touch, not_recorded, exclude; accommodation the SSDA903 ACCOM letter
-- (W = bed and breakfast); suitability one of suitable, not_suitable, not_known, exclude; activity the
-- SSDA903 ACTIV code. key (la_code, snapshot_date, child_id)
create table if not exists annexa_care_leavers (
    la_code varchar not null, snapshot_date date not null, child_id varchar not null,
    sex varchar, ethnicity varchar, date_of_birth date, age_years integer,
    uasc boolean, disability boolean, allocated_team varchar, allocated_worker varchar,
    allocated_pa varchar, eligibility varchar, latest_pathway_plan_review date,
    in_touch varchar, latest_contact_date date, accommodation varchar, suitability varchar,
    activity varchar,
    collection_year integer, load_id integer, source_file varchar, source_row integer);

-- ---------------------------------------------------------------- Workforce
-- key (la_code, collection_year, SWENo)
create table if not exists csww_worker (
    la_code varchar not null, SWENo varchar not null, AgencyWorker integer, FTE double,
    PersonBirthDate date, GenderCurrent varchar, Ethnicity varchar, QualInst varchar,
    QualLevel varchar, StepUpGrad integer, OrgRole varchar, RoleStartDate date, StartOrigin varchar,
    RoleEndDate date, LeaverDestination varchar, ReasonLeave varchar, FTE30 double,
    Cases30 integer, WorkingDaysLost double, ContractWeeks double, FrontlineGrad integer,
    Absat30Sept integer, ReasonAbsence varchar, CFKSSstatus varchar,
    collection_year integer not null, load_id integer, source_file varchar, source_row integer);

-- key (la_code, collection_year)
create table if not exists csww_la (
    la_code varchar not null, NumberOfVacancies double, NoAgencyFTE double, NoAgencyHeadcount integer,
    collection_year integer not null, load_id integer, source_file varchar, source_row integer);

-- ---------------------------------------------------------------- Reference (loaded from data/reference)
-- key (la_code, year): ONS mid-year estimate (30 June of `year`) of children aged 0-17
create table if not exists ref_population (
    la_code varchar not null, year integer not null, age_0_17 integer not null);

-- England and Wales bank holidays
create table if not exists ref_bank_holidays (holiday_date date not null, name varchar);

-- Postcode sector / district centroids (British National Grid metres) for placement distances; filled by
-- cscdash.reference_geo from data/reference/postcode_*.parquet
create table if not exists ref_postcode_sectors (
    sector varchar, easting bigint, northing bigint, laua varchar);
create table if not exists ref_postcode_districts (
    district varchar, easting bigint, northing bigint, laua varchar);

-- LA lookup: DfE 3-digit number <-> ONS code
create table if not exists ref_la (
    la_code varchar not null, la_number varchar not null, la_name varchar, region varchar);

-- ---------------------------------------------------------------- Load log
create table if not exists loads (
    load_id integer not null, started_at timestamp, finished_at timestamp, outcome varchar,
    files_json varchar,       -- [{"file": ..., "sha256": ..., "layout": ..., "rows": ...}]
    rows_json varchar,        -- {"ssda903_episodes": {"inserted": n, "updated": n}, ...}
    n_errors integer, n_warnings integer, note varchar);

-- What each loaded return covers (cscdash.extracts.coverage): one row per LA, source and collection year
-- (yearly returns, the workforce census), snapshot date (Annex A lists 8 and 9) or local file. The month
-- ends of a source's indicators run to the latest period_end it covers. kind: full return, in-year extract,
-- snapshot, census, local file; as_at_from: how period_end was decided (--as-at, file name, year complete,
-- latest date in the file, census date).
create table if not exists load_coverage (
    la_code varchar not null, source varchar not null, collection_year integer,
    period_start date, period_end date, kind varchar, as_at_from varchar, source_file varchar,
    load_id integer);

-- What built this database: one row, rewritten by every load (cscdash.pipeline). code_version is a digest
-- of queries/, the reference files and the catalogue: the app warns when it differs from its own.
create table if not exists build_info (
    built_at timestamp, code_version varchar, cscdash_version varchar);

create table if not exists load_problems (
    load_id integer not null, severity varchar, rule varchar, file varchar, row_ref varchar,
    field varchar, value varchar, message varchar);
