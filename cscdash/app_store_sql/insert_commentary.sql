-- One version of an indicator's commentary (cscdash.app_store.add_commentary); named parameters, one row.
insert into commentary (
    indicator_id, la_code, period_end, going_well, worried_about, doing_about, author, written_at
) values (
    :indicator_id, :la_code, :period_end, :going_well, :worried_about, :doing_about, :author, :written_at
);
