// Package soql parses and renders the subset of Salesforce's SOQL that sfsql
// speaks: the fake org evaluates parsed queries; the engine renders literals.
package soql
