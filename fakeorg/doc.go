// Package fakeorg is a Salesforce-faithful org served over HTTP: a real SOQL
// evaluator, paging, describe, limits, OAuth and the real error bodies. Every
// test and `sfsql --demo` talk to it.
package fakeorg
