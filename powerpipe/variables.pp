# Generated from the controls and variables of internal/controls by
# powerpipe/generate: do not edit. Change the control files, then run
# go generate ./powerpipe/...

variable "evaluated_at" {
  type        = string
  default     = ""
  description = "Judge the tokens at this RFC 3339 time (the report's --at); empty: the time of the run."
}

variable "unused_days" {
  type        = number
  default     = 90
  description = "unused: alarm when the token was last used this many whole days ago or more"
}

variable "max_age_days" {
  type        = number
  default     = 90
  description = "age: alarm when the token was created more than this many whole days ago"
}

variable "max_lifetime_days" {
  type        = number
  default     = 365
  description = "long_lived: alarm when the token expires more than this many whole days after its creation"
}
