-- Macro to_placement_group(placement_type): the app's placement group of an SSDA903 PLACE code, one
-- definition for the placement-type breakdowns and the placement-mix indicators.
-- Reads: nothing (a scalar function). Rules [U: app grouping of data_layouts 1.2.4 aligned with DfE
-- categories]: Foster (U1-U6, legacy Q1/Q2), Placed for adoption (A3-A6), Children's homes (K1, K2),
-- Independent or supported (H5, P2, K3), Placed with parents (P1), Other (everything else: Z1, Z11-Z14,
-- R*, S1, P3, T0-T4).
create or replace macro to_placement_group(placement_type) as
    case
        when placement_type in ('U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'Q1', 'Q2') then 'Foster'
        when placement_type in ('A3', 'A4', 'A5', 'A6') then 'Placed for adoption'
        when placement_type in ('K1', 'K2') then 'Children''s homes'
        when placement_type in ('H5', 'P2', 'K3') then 'Independent or supported'
        when placement_type = 'P1' then 'Placed with parents'
        else 'Other'
    end
