/**
 * The user's-browser test on the responder: invitations, the ICE agents that answer the page's
 * offers on the PBX's media ports, the judgement of each port from both sides' counts, and the page
 * and its small HTTP API on the responder's web port. Private to the responder bundle.
 */
package org.mediapath.responder.browser;
