namespace Emergency.Journal;
