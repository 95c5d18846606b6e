package common

// NoService is what a view shows in place of what it needs a current
// service for, the same words in every view: "No current service:
// choose one in Services (1)."
func (km *KeyMap) NoService() string {
	return "No current service: choose one in " + km.ViewName("Services") + "."
}

// NoServiceFirst is the same for a flash or a form's error, when a key
// needs a current service: "no current service: choose one in Services
// (1) first".
func (km *KeyMap) NoServiceFirst() string {
	return "no current service: choose one in " + km.ViewName("Services") + " first"
}
