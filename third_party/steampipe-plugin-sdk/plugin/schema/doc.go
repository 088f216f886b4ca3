// Package schema provides types used to define the [plugin.ConnectionConfigSchema]
package schema
