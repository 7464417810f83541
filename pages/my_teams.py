"""My teams: the children whose case needs something now (assessments past 45 working days, plans not
seen in time, reviews late, care leavers not in touch ...), by team and worker, for managers and analysts."""

from cscdash import components

components.my_teams_page()
