-- Macro wf_fte_of(fte, gap): the four figure columns of a workforce FTE figure with no denominator (a
-- stock such as agency FTE, or a 12-month flow such as leavers FTE), as a struct for `unnest(...)`.
-- Reads: nothing (a scalar function).
-- Rules: wf_figure_of(fte, no denominator, fte, gap): gap not null -> every figure null, value_note = gap;
-- else numerator = value = fte, denominator a null double, value_note 'no cases' when fte is null.
create or replace macro wf_fte_of(fte, gap) as
    wf_figure_of(fte, cast(null as double), fte, gap)
