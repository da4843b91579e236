namespace Emergency.History;
