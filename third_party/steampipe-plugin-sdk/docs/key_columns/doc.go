/*
Key Columns

TODO
*/
package key_columns

// ForceImport is a mechanism to ensure godoc can reference all required packages
type ForceImport string
