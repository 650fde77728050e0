package vtab

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestSnakeCase_ReadsNaturally(t *testing.T) {
	for name, want := range map[string]string{
		"IsActive": "is_active", "UserRoleId": "user_role_id", "Foo__c": "foo__c", "PermissionsModifyAllData": "permissions_modify_all_data",
		"HasU2F": "has_u2f", "PermissionsUseOmnichannelInventoryAPIs": "permissions_use_omnichannel_inventory_apis",
		"PermissionsB2BMarketingAnalyticsUser": "permissions_b2b_marketing_analytics_user", "PermissionsManageC360AConnections": "permissions_manage_c360a_connections",
		"UserPreferencesHideS1BrowserUI": "user_preferences_hide_s1_browser_ui", "PermissionsCanTranslateScrt2Conversation": "permissions_can_translate_scrt2_conversation",
		"PermissionsAllowOCIAvailabilityAPIs": "permissions_allow_oci_availability_apis", "LastModifiedById": "last_modified_by_id",
		"UserIDs": "user_ids", "HTTPServer": "http_server", "Profile.UserLicense.Name": "profile_user_license_name",
	} {
		if got := SnakeCase(name); got != want {
			t.Errorf("SnakeCase(%s) = %s, want %s", name, got, want)
		}
	}
}

// TestSnakeCase_EveryCapturedField: over every field of every object
// captured from live orgs, no letter is lost, no two fields of an object
// get one column, and no acronym is cut after its digits (has_u2_f).
func TestSnakeCase_EveryCapturedField(t *testing.T) {
	files, err := filepath.Glob("../../shared/salesforce/objects/*.json")
	if err != nil || len(files) == 0 {
		files, _ = filepath.Glob("../fakeorg/objects/*.json")
	}
	cut := regexp.MustCompile(`[0-9]_[a-z](_|$)`)
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var obj struct {
			Fields []struct{ Name string } `json:"fields"`
		}
		if err := json.Unmarshal(data, &obj); err != nil {
			t.Fatal(err)
		}
		seen := map[string]string{}
		for _, fld := range obj.Fields {
			n++
			col := SnakeCase(fld.Name)
			if strings.ReplaceAll(col, "_", "") != strings.ToLower(strings.ReplaceAll(fld.Name, "_", "")) {
				t.Errorf("%s: %s loses letters", fld.Name, col)
			}
			if other, ok := seen[col]; ok {
				t.Errorf("%s and %s are both %s", other, fld.Name, col)
			}
			seen[col] = fld.Name
			if cut.MatchString(col) {
				t.Errorf("%s: %s cuts a word after its digits", fld.Name, col)
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d fields read", n)
	}
}
