// Command echoapp is tmuxtest's own test program: it echoes each line it
// reads and exits 3 on "quit".
package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	fmt.Println("ready")
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		if sc.Text() == "quit" {
			os.Exit(3)
		}
		fmt.Println("got:", sc.Text())
	}
}
