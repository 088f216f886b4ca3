// Package shared contains types which are shared between plugin implementation and plugin clients
package shared
