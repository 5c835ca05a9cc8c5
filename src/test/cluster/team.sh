check_team() { :; }
