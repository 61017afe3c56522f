import type { DemoEditionArticle, DemoSection } from './types.js';

/**
 * The Spanish edition of the demo newsroom (/es/). Written in Spanish for it, not machine
 * translated; two stories are translations of English ones (`translationOf`). Every person,
 * company and organisation named is fictional.
 */
export const spanishSections: DemoSection[] = [
  { slug: 'internacional', name: 'Internacional', description: 'Noticias de todo el mundo.' },
  { slug: 'politica', name: 'Política', description: 'Gobiernos, parlamentos y elecciones.' },
  { slug: 'economia', name: 'Economía', description: 'Empresas, empleo, energía y mercados.' },
  { slug: 'cultura', name: 'Cultura', description: 'Libros, música, cine y patrimonio.' },
];

export const spanishArticles: DemoEditionArticle[] = [
  {
    slug: 'nuevo-tren-nocturno-une-praga-y-liubliana',
    translationOf: 'night-train-links-prague-and-ljubljana',
    headline: 'Un nuevo tren nocturno une Praga y Liubliana a través de los Alpes orientales',
    dek: 'Un operador privado ha puesto en marcha un servicio con coches cama tres veces por semana. Aspira a atraer a viajeros que de otro modo volarían, pero se enfrenta a cánones ferroviarios elevados.',
    section: 'internacional',
    authors: ['mira-lindqvist'],
    tags: ['Transporte', 'Clima', 'Unión Europea'],
    dateline: 'Liubliana',
    hoursAgo: 259,
    lead: {
      image: 'train-station',
      caption:
        'El servicio circula tres veces por semana en cada sentido, con paradas en Viena, Graz y Maribor.',
      credit: 'Foto: Jana Veselá / Masthead',
      alt: 'Ilustración de un tren detenido en un andén bajo la cubierta curva de una estación',
    },
    body: [
      'Un nuevo tren nocturno entre Praga y Liubliana hizo esta semana su primer viaje y se suma a una red cada vez más amplia de servicios con coches cama en Europa central. El servicio, operado por la empresa privada Alpina Nachtzug, circula tres veces por semana en cada sentido y tarda unas doce horas, con paradas en Viena, Graz y Maribor.',
      'El operador ha reformado varios coches cama y literas que compró a una compañía ferroviaria estatal que los había retirado. Los billetes cuestan desde 49 euros por un asiento hasta unos 180 euros por un compartimento privado con ducha. La empresa afirmó que había vendido más de 3.000 billetes antes de la primera salida.',
      {
        quote:
          'Nuestros pasajeros no son aficionados al tren. Son personas que quieren llegar por la mañana sin un aeropuerto de por medio.',
        cite: 'Zoë Hartmann, directora general de Alpina Nachtzug',
      },
      'Los trenes nocturnos han vuelto a varias rutas europeas en los últimos años, impulsados por el apoyo público a los viajes con bajas emisiones. Sin embargo, los operadores sostienen que el negocio sigue siendo difícil: los cánones por el uso de las vías, que varían de un país a otro, pueden suponer una parte importante del coste de cada trayecto, y el material rodante adecuado escasea y es caro de mantener.',
      'La Unión Europea ha fomentado las conexiones ferroviarias transfronterizas dentro de sus planes climáticos, y las organizaciones de defensa del transporte público aseguran que unos cánones armonizados harían viables más rutas. Alpina Nachtzug indicó que añadirá un servicio diario a partir del próximo verano si la demanda se mantiene y que estudia una segunda ruta hacia la costa croata.',
    ],
  },
  {
    slug: 'proyecto-solar-enviara-electricidad-a-singapur-por-cable',
    translationOf: 'solar-export-cable-to-singapore-wins-approval',
    headline: 'Aprobado un proyecto solar que enviará electricidad a Singapur por un cable submarino',
    dek: 'Un consorcio prevé una gran planta solar con baterías en una isla indonesia y una conexión submarina de 70 kilómetros. La primera electricidad llegaría en un plazo de cinco años.',
    section: 'economia',
    authors: ['daniel-reyes'],
    tags: ['Energía', 'Clima', 'Comercio'],
    dateline: 'Singapur',
    hoursAgo: 119,
    lead: {
      image: 'power-lines',
      caption: 'La licencia permite al consorcio importar hasta 1 gigavatio de electricidad.',
      credit: 'Ilustración: demo de Masthead',
      alt: 'Ilustración de torres de alta tensión y líneas eléctricas que cruzan un terreno abierto',
    },
    body: [
      'Un consorcio que quiere exportar energía solar a Singapur a través de un cable submarino ha obtenido una licencia condicional del regulador energético de la ciudad-Estado, lo que acerca el proyecto a la fase de construcción. El grupo, Equator Sun Link, planea levantar una planta solar con almacenamiento en baterías en una isla indonesia y conectarla a la red de Singapur mediante un cable de 70 kilómetros.',
      'El proyecto es uno de los varios que compiten por suministrar electricidad con bajas emisiones a Singapur, que apenas dispone de suelo para paneles solares y depende sobre todo del gas natural para generar electricidad. La licencia permite al consorcio importar hasta 1 gigavatio, siempre que cumpla en un plazo de dos años una serie de condiciones técnicas y financieras.',
      {
        quote:
          'Singapur tiene la demanda y las islas que la rodean tienen el sol. El cable es el puente entre ambos.',
        cite: 'Rachel Tan Wei Ling, consejera delegada de Equator Sun Link',
      },
      'Los analistas señalan que los mayores retos son la financiación y los permisos en Indonesia, donde las autoridades insisten en que los proyectos renovables también abastezcan al mercado nacional y apoyen a la industria local. El consorcio afirmó que se ha comprometido a comprar parte de sus paneles solares a fábricas indonesias.',
      'Equator Sun Link espera tomar la decisión final de inversión en 18 meses y suministrar la primera electricidad en cinco años. No ha revelado el coste previsto del proyecto.',
    ],
  },
  {
    slug: 'valdemora-abre-la-primera-biblioteca-nocturna',
    headline: 'Valdemora abre la primera biblioteca pública que no cierra por la noche',
    dek: 'El ayuntamiento mantendrá abierta la sala de estudio hasta las seis de la mañana durante todo el curso. Los estudiantes llevaban tres años reclamándolo.',
    section: 'cultura',
    authors: ['daniel-reyes'],
    tags: ['Bibliotecas', 'Educación'],
    dateline: 'Valdemora',
    hoursAgo: 5,
    lead: {
      image: 'museum',
      caption: 'La sala de lectura del antiguo mercado de abastos, reconvertido en biblioteca en 2019.',
      credit: 'Foto: Lucía Ferrer / Masthead',
      alt: 'Ilustración de una sala amplia con columnas y mesas de lectura iluminadas',
    },
    body: [
      'La biblioteca municipal de Valdemora abrió el lunes por primera vez durante toda la noche, después de que el pleno aprobara por unanimidad ampliar su horario hasta las seis de la mañana. La medida, que estará vigente durante todo el curso académico, responde a una petición que las asociaciones de estudiantes presentaban desde hace tres años.',
      'La primera noche pasaron por la sala de estudio 212 personas, según los datos del ayuntamiento. La mayoría eran universitarios que preparan los exámenes de enero, pero también acudieron opositores y trabajadores con turnos de tarde. El edificio contará con dos vigilantes y un bibliotecario de guardia.',
      {
        quote:
          'En casa compartimos piso cuatro personas y no hay un sitio tranquilo. Aquí tengo luz, silencio y enchufes hasta que amanece.',
        cite: 'Marta Ibarzábal, estudiante de Enfermería',
      },
      'El servicio costará unos 140.000 euros al año, que saldrán de la partida de juventud. La oposición apoyó la propuesta, aunque pidió que se evalúe dentro de seis meses con datos de uso reales antes de renovarla.',
    ],
  },
  {
    slug: 'parlamento-regional-aprueba-ley-de-costas',
    headline: 'El Parlamento regional aprueba una ley que limita las construcciones junto al mar',
    dek: 'La norma amplía a 200 metros la franja protegida y obliga a revisar 36 licencias ya concedidas. Los promotores anuncian recursos.',
    section: 'politica',
    authors: ['mira-lindqvist'],
    tags: ['Parlamento', 'Medio ambiente', 'Vivienda'],
    dateline: 'Puerto Alcanar',
    hoursAgo: 10,
    updatedAfterHours: 3,
    lead: {
      image: 'coastline',
      caption: 'La nueva franja protegida afecta a 48 kilómetros de costa.',
      credit: 'Ilustración: demo de Masthead',
      alt: 'Ilustración de una costa rocosa con edificios bajos detrás de la playa',
    },
    body: [
      'El Parlamento regional aprobó el jueves, con 41 votos a favor y 29 en contra, una ley que amplía de 100 a 200 metros la franja del litoral en la que no se podrá construir. La norma afecta a 48 kilómetros de costa y obliga a revisar 36 licencias concedidas en los últimos cinco años que aún no se han ejecutado.',
      'El Gobierno regional defiende que la ley es necesaria para proteger las dunas y los humedales frente a la subida del nivel del mar. Los grupos de la oposición la consideran una expropiación encubierta y advierten de que frenará la construcción de viviendas en municipios donde los precios no dejan de subir.',
      { h: 'Qué cambia' },
      {
        list: [
          'La franja protegida pasa de 100 a 200 metros desde la línea de costa.',
          'Las licencias no ejecutadas se revisarán en un plazo de doce meses.',
          'Los propietarios afectados podrán pedir una compensación económica.',
        ],
      },
      'La asociación de promotores inmobiliarios anunció que recurrirá la ley ante el Tribunal Constitucional. El consejero de Territorio, Aurelio Casás, aseguró que el texto ha sido revisado por los servicios jurídicos y que «resistirá cualquier recurso».',
    ],
  },
  {
    slug: 'cooperativa-de-cafe-exporta-por-primera-vez-a-japon',
    headline: 'Una cooperativa cafetera de montaña vende por primera vez su cosecha a Japón',
    dek: 'Ciento veinte familias de San Isidro del Alto han cerrado un contrato de tres años con un tostador de Osaka. El precio casi duplica el del mercado local.',
    section: 'economia',
    authors: ['daniel-reyes'],
    tags: ['Agricultura', 'Comercio'],
    dateline: 'San Isidro del Alto',
    hoursAgo: 28,
    lead: {
      image: 'mountains',
      caption: 'Los cafetales de la cooperativa están entre los 1.600 y los 1.900 metros de altitud.',
      credit: 'Foto: Andrés Quiroga / Masthead',
      alt: 'Ilustración de laderas de montaña verdes bajo un cielo con nubes',
    },
    body: [
      'La cooperativa cafetera Alto Verde, que reúne a 120 familias de San Isidro del Alto, ha firmado su primer contrato de exportación directa con un tostador de Osaka. El acuerdo, de tres años, garantiza la compra de 40 toneladas anuales de café lavado a un precio que casi duplica el que pagan los intermediarios en la región.',
      'La cooperativa llevaba cinco años mejorando el secado y la selección del grano con ayuda de una escuela técnica agrícola. El comprador japonés visitó las fincas en dos ocasiones antes de cerrar el trato y exigió que cada lote pueda rastrearse hasta la parcela de origen.',
      {
        quote:
          'Antes vendíamos al que pasara con el camión. Ahora sabemos quién se toma nuestro café y cuánto vale.',
        cite: 'Rosalba Quintero, presidenta de la cooperativa',
      },
      'Los economistas consultados advierten de que los contratos de exportación directa exigen una calidad constante que muchas cooperativas pequeñas no pueden asegurar en años de lluvias irregulares. Alto Verde ha creado un fondo con el 5 % de los ingresos para cubrir las cosechas malas.',
    ],
  },
  {
    slug: 'huelga-de-controladores-retrasa-vuelos-en-el-aeropuerto-del-sur',
    headline: 'Una huelga de controladores provoca retrasos de hasta cuatro horas en el aeropuerto del Sur',
    dek: 'El paro parcial, convocado por la falta de personal, afectó a 180 vuelos. Sindicato y empresa volverán a reunirse el lunes.',
    section: 'economia',
    authors: ['mira-lindqvist'],
    tags: ['Transporte', 'Trabajo'],
    dateline: 'Sevilla',
    hoursAgo: 2,
    lead: {
      image: 'night-city',
      caption: 'Pasajeros esperando en la terminal durante la tarde del paro.',
      credit: 'Ilustración: demo de Masthead',
      alt: 'Ilustración de una ciudad iluminada de noche con un avión en el cielo',
    },
    body: [
      'La huelga parcial de los controladores aéreos de la torre del aeropuerto del Sur provocó el viernes retrasos de hasta cuatro horas y la cancelación de once vuelos. Según la empresa gestora, 180 salidas y llegadas se vieron afectadas entre las cuatro de la tarde y las diez de la noche.',
      'El sindicato convocó el paro para denunciar que la torre funciona con un 20 % menos de personal del previsto y que los turnos de noche se cubren con horas extraordinarias. La empresa sostiene que ha convocado doce plazas nuevas y que los servicios mínimos garantizaban la seguridad.',
      'Ambas partes se reunirán el lunes con un mediador del Ministerio de Trabajo. Si no hay acuerdo, el sindicato mantiene convocadas otras tres jornadas de huelga antes de Navidad.',
    ],
  },
  {
    slug: 'festival-de-cine-de-la-frontera-premia-un-documental-sobre-pastores',
    headline:
      'El festival de cine de la Frontera premia un documental sobre los últimos pastores trashumantes',
    dek: '«Cañadas» sigue durante un año a una familia que aún recorre 400 kilómetros a pie con su rebaño. Es la primera ópera prima que gana el premio principal.',
    section: 'cultura',
    authors: ['daniel-reyes'],
    tags: ['Cine', 'Festivales'],
    dateline: 'Ciudad Rodero',
    hoursAgo: 50,
    lead: {
      image: 'concert-stage',
      caption: 'La directora recoge el premio en la gala de clausura.',
      credit: 'Foto: Inés Garrido / Masthead',
      alt: 'Ilustración de un escenario iluminado con focos y un público a oscuras',
    },
    body: [
      'El documental «Cañadas», de la directora debutante Elena Arribas, ganó el sábado el premio principal del festival de cine de la Frontera. La película sigue durante un año a la familia Montero, una de las pocas que todavía recorren a pie los 400 kilómetros de cañadas entre los pastos de verano y los de invierno.',
      'El jurado destacó que la película «no idealiza el oficio ni lo convierte en postal» y que deja hablar a los pastores sobre el cansancio, los precios de la lana y la soledad. Es la primera vez en las veinte ediciones del certamen que una ópera prima se lleva el galardón.',
      {
        quote: 'Quería filmar el camino antes de que sea solo un trazado en un mapa.',
        cite: 'Elena Arribas, directora de «Cañadas»',
      },
      'La película se estrenará en salas en primavera y la televisión pública ha comprado los derechos de emisión.',
    ],
  },
  {
    slug: 'elecciones-municipales-anticipadas-en-torrelobos',
    headline: 'Torrelobos celebrará elecciones municipales anticipadas tras la dimisión del alcalde',
    dek: 'La junta electoral fija la votación para el 15 de febrero. Es la primera vez que un municipio de la provincia repite comicios fuera del calendario ordinario.',
    section: 'politica',
    authors: ['mira-lindqvist'],
    tags: ['Elecciones', 'Municipios'],
    dateline: 'Torrelobos',
    hoursAgo: 74,
    lead: {
      image: 'ballot-box',
      caption: 'Los vecinos votarán en los mismos cinco colegios que en las últimas elecciones.',
      credit: 'Ilustración: demo de Masthead',
      alt: 'Ilustración de una urna transparente con sobres de votación',
    },
    body: [
      'Los 18.000 vecinos de Torrelobos volverán a votar el 15 de febrero para elegir un nuevo ayuntamiento, después de que el alcalde, Julián Ortega, dimitiera el mes pasado y ninguno de los grupos lograra reunir una mayoría para investir a un sucesor.',
      'La junta electoral provincial fijó la fecha el martes. La ley permite repetir las elecciones cuando el pleno no elige alcalde en un plazo de dos meses, pero hasta ahora ningún municipio de la provincia había llegado a esa situación.',
      'Los cuatro partidos con representación han anunciado que se presentarán. Una plataforma vecinal surgida durante la crisis recoge firmas para concurrir por primera vez.',
    ],
  },
  {
    slug: 'hallan-restos-de-un-puerto-romano-en-las-obras-del-metro',
    headline: 'Las obras del metro sacan a la luz los restos de un muelle romano',
    dek: 'Los arqueólogos han documentado 30 metros de un muro de sillares y ánforas del siglo II. La obra se retrasará al menos cuatro meses.',
    section: 'cultura',
    authors: ['daniel-reyes'],
    tags: ['Arqueología', 'Patrimonio'],
    dateline: 'Puerto Alcanar',
    hoursAgo: 98,
    lead: {
      image: 'harbor',
      caption: 'El muelle se encontraba a unos seis metros por debajo del nivel de la calle.',
      credit: 'Foto: Lucía Ferrer / Masthead',
      alt: 'Ilustración de un puerto con muelles de piedra y barcas amarradas',
    },
    body: [
      'Los trabajos de excavación de la futura estación de metro de la plaza del Mar han sacado a la luz un tramo de 30 metros de un muelle romano, construido con grandes sillares de piedra, junto a decenas de ánforas que los arqueólogos fechan en el siglo II.',
      'Según el equipo municipal de arqueología, el hallazgo confirma que la línea de costa en época romana estaba unos 250 metros más al interior que hoy. Las ánforas, algunas con sellos de talleres del norte de África, indican que el puerto comerciaba con aceite y salazones.',
      'La consejería de Cultura ha paralizado la obra en ese punto. El ayuntamiento calcula que el retraso será de al menos cuatro meses y estudia integrar parte del muelle en el vestíbulo de la estación.',
    ],
  },
  {
    slug: 'la-ola-de-frio-deja-temperaturas-record-en-el-interior',
    headline: 'La ola de frío deja temperaturas récord en el interior y corta varias carreteras',
    dek: 'El observatorio de Sierra Negra registró 16 grados bajo cero, la mínima más baja desde 1985. Protección Civil pide evitar los desplazamientos de noche.',
    section: 'internacional',
    authors: ['mira-lindqvist'],
    tags: ['Tiempo', 'Clima'],
    dateline: 'Sierra Negra',
    hoursAgo: 14,
    lead: {
      image: 'snow-street',
      caption: 'Una calle cubierta de nieve en el casco antiguo.',
      credit: 'Ilustración: demo de Masthead',
      alt: 'Ilustración de una calle estrecha cubierta de nieve con farolas encendidas',
    },
    body: [
      'Una masa de aire polar dejó la pasada madrugada temperaturas récord en el interior del país. El observatorio de Sierra Negra registró 16 grados bajo cero, la mínima más baja desde 1985, y otras once estaciones marcaron valores inferiores a diez bajo cero.',
      'El hielo obligó a cerrar durante varias horas cuatro carreteras de montaña y a suspender las clases en 23 colegios rurales. Protección Civil ha pedido evitar los desplazamientos nocturnos y ha abierto albergues para personas sin hogar en las seis capitales afectadas.',
      'Los meteorólogos prevén que el frío se mantenga hasta el miércoles, cuando la llegada de un frente atlántico traerá lluvias y una subida de las temperaturas.',
    ],
  },
];
