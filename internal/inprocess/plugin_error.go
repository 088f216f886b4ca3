package inprocess

import (
	"errors"
	"strings"

	"google.golang.org/grpc/status"
)

// grpcErrorLead is how a gRPC status error starts when it has been flattened
// into a plain message.
const grpcErrorLead = "rpc error: code = "

// pluginError returns the plugin's own message for err, without the gRPC
// status wrapping the SDK sometimes puts around it.
func pluginError(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if st, ok := status.FromError(err); ok {
		msg = st.Message()
	}
	if strings.HasPrefix(msg, grpcErrorLead) {
		if _, desc, found := strings.Cut(msg, " desc = "); found {
			msg = desc
		}
	}
	if msg == err.Error() {
		return err
	}
	return errors.New(msg)
}
