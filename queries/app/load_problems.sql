-- Warnings recorded by one load (errors never load, so a stored problem is a warning).
-- Grain: one row per problem. Parameters: $load_id.
with problems as (
    select severity, rule, file, row_ref, field, value, message
    from load_problems
    where load_id = $load_id
),

final as (
    select * from problems order by file, rule, row_ref
)

select * from final
