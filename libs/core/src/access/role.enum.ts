/** The roles fixed by the contract ("Identity"). A user may hold several. */
export enum Role {
  /** District union IT: keeps the network, users, calendars and integrations. */
  Admin = 'admin',
  /** District / town union leaders: watch their subtree, reassign, approve extensions, 督办. */
  Supervisor = 'supervisor',
  /** Township union or 12345 liaison staff: sign for, route and return orders, register cases. */
  Intake = 'intake',
  /** Union staff at a mediation point. */
  Mediator = 'mediator',
  /** Law-firm volunteer lawyers: like a mediator, on cases offered to them only. */
  Volunteer = 'volunteer',
}
