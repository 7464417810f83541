-- {id}
-- Grain: one row per LA, month end and breakdown value; {grain}.
-- Reads: {reads}
-- Rules:
--   TODO: what is counted (numerator) and out of what (denominator), in words, with the DfE rule or the
--   local definition ([C] confirmed DfE practice, [L] local) it follows.
--   TODO: the edge cases (a date on the month end, a child counted twice, a missing date) and what happens.
--   History: TODO: before the loaded history the value is null with value_note 'insufficient history'.
--   A zero denominator gives a null value with value_note 'no cases' (R11).{month_rule}
with source as (
    select * from {reads}
),

final as (
    select
        la_code,
        period_start,
        period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        cast(null as bigint) as numerator,  -- TODO
        cast(null as bigint) as denominator,  -- TODO
        cast(null as double) as value,  -- TODO
        'TODO: not written yet' as value_note{month_columns}
    from source
)

select * from final
