-- Record what built this database (cscdash.pipeline.build): one row, replaced by every build.
-- Parameters: $built_at, $code (digest of queries/, the reference files and the seed targets), $version.
delete from build_info;
insert into build_info (built_at, code_version, cscdash_version) values ($built_at, $code, $version);
