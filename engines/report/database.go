package main

import (
	_ "github.com/mattn/go-sqlite3" // registers the driver
)

// driverName is database/sql's name for SQLite.
const driverName = "sqlite3"
